package vn.congvu.console;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The console: officials sign in, change their initial password and see their account and mail settings. */
@SpringBootApplication
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ConsoleApplication.class);
        // Only the built-in application.yml, which imports config/console/application.yml. Boot's default
        // locations include ./config/*/ and, run from the repository root, would load config/gateway/ as well
        // (whose server.port would win over ours).
        app.setDefaultProperties(Map.of("spring.config.location", "optional:classpath:/"));
        app.run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
