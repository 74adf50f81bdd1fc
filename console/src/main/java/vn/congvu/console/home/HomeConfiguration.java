package vn.congvu.console.home;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.directory.client.ConfigFiles;

/** The mail client settings and the notices page's address, read once at start from the other processes' files. */
@Configuration(proxyBeanMethods = false)
class HomeConfiguration {

    @Bean
    MailClientSettings mailClientSettings(@Value("${console.mail.host}") String host) {
        return MailClientSettings.read(ConfigFiles.dir(), host, System.getenv());
    }

    @Bean
    NoticesLink noticesLink(@Value("${console.notices-url:}") String configured) {
        return configured.isBlank() ? NoticesLink.ofGateway(ConfigFiles.dir(), System.getenv())
                : new NoticesLink(configured);
    }
}
