package vn.congvu.console.notices;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import vn.congvu.console.signin.SignedInOfficial;

/**
 * "Gửi tin nhắn thông báo": the page (static, {@code notices.html} and its script, every figure from the gateway
 * through {@link GatewayForwarding}) and who is signed in, for its header.
 */
@Controller
class NoticesPage {

    static final String PATH = "/notices";

    @GetMapping(PATH)
    String page() {
        return "forward:/notices.html";
    }

    @GetMapping("/web/me")
    @ResponseBody
    Map<String, String> me(Authentication who) {
        return Map.of("uid", ((SignedInOfficial) who.getPrincipal()).uid());
    }
}
