package vn.congvu.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.console.signin.DirectorySignIn;
import vn.congvu.console.signin.SignedInOfficial;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * The second step of signing in ("Mã xác thực") for an account with a second factor: the session holds only
 * {@code CODE_PENDING} until a code from the authenticator app (or a recovery code) is accepted; the policy counts
 * wrong ones towards the lock. Then the session gets the official's roles.
 */
@RestController
class SignInCodePage {

    private final SignInPolicy policy;
    private final DirectorySignIn signIn;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInCodePage(SignInPolicy policy, DirectorySignIn signIn) {
        this.policy = policy;
        this.signIn = signIn;
    }

    @GetMapping(SecurityConfiguration.CODE_FORM)
    ResponseEntity<String> form(HttpServletRequest request) {
        return page(200, request, List.of());
    }

    @PostMapping(SecurityConfiguration.CODE_FORM)
    ResponseEntity<String> check(@RequestParam(name = "code", defaultValue = "") String code,
                                 Authentication authentication, HttpServletRequest request,
                                 HttpServletResponse response) {
        SignedInOfficial official = (SignedInOfficial) authentication.getPrincipal();
        if (!policy.secondFactor().verify(official.dn(), code.strip(), "console " + request.getRemoteAddr())
                .accepted()) {
            return page(422, request, List.of(DirectorySignIn.WRONG_CODE));
        }
        Authentication full = signIn.session(official);
        request.changeSessionId(); // a new session id for the fully signed-in session
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(full);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return ResponseEntity.status(303).header("Location", SecurityConfiguration.firstStep(full, "/")).build();
    }

    private static ResponseEntity<String> page(int status, HttpServletRequest request, List<String> problems) {
        String body = "<section><h2>Xác thực hai bước</h2>" + Page.problems(problems)
                + "<p>Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực trên điện thoại của bạn, hoặc một mã khôi"
                + " phục.</p><form method=\"post\" action=\"" + SecurityConfiguration.CODE_FORM + "\">"
                + Page.csrf(request)
                + "<label for=\"code\">Mã xác thực</label>"
                + "<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\""
                + " autocapitalize=\"none\" required autofocus>"
                + "<button type=\"submit\">Xác nhận</button></form></section>";
        return Page.of(status, "Xác thực hai bước", body, request, true);
    }
}
