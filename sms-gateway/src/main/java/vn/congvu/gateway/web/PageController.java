package vn.congvu.gateway.web;

import java.security.Principal;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The Vietnamese login page instead of Spring's English one, and who is logged in. */
@Controller
class PageController {

    @GetMapping("/login")
    String login() {
        return "forward:/login.html";
    }

    @GetMapping("/web/me")
    @ResponseBody
    Map<String, String> me(Principal user) {
        return Map.of("uid", user.getName());
    }
}
