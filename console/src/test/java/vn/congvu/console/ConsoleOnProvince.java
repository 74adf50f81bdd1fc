package vn.congvu.console;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * A console on a free port in front of one embedded directory for the whole test run ({@link Province}: the
 * directory of the default run, the policy file of config/ with a small lockout); tests add the officials they use,
 * each under its own uid, so they share the console and the directory. The console's clock is {@link SteppingClock}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleOnProvince {

    static final Province province = Province.shared();

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        registry.add("console.policy-file", () -> province.policyFile().toString());
        registry.add("congvu.home", () -> province.home().toString());
        registry.add("console.failed-sign-in-delay", () -> "0s");
        registry.add("console.gateway-url", () -> FakeGateway.shared().url());
        registry.add("console.gateway-token", () -> FakeGateway.TOKEN);
    }

    /** The directory the console reads: the embedded one above, in place of the one of CONGVU_* variables. */
    @TestBean(name = "directoryClient", methodName = "provinceDirectory")
    DirectoryClient directory;

    static DirectoryClient provinceDirectory() {
        return province.client();
    }

    /** The console's clock: {@link SteppingClock}, moved on by tests that need the next TOTP step. */
    @TestBean(name = "clock", methodName = "steppingClock")
    Clock clock;

    static Clock steppingClock() {
        return SteppingClock.shared();
    }

    @LocalServerPort
    int port;
    @Autowired
    SignInPolicy policy;
}
