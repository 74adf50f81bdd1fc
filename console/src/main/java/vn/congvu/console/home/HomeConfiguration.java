package vn.congvu.console.home;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.directory.client.ConfigFiles;

/** The mail client settings, read once at start from the mail server's files. */
@Configuration(proxyBeanMethods = false)
class HomeConfiguration {

    @Bean
    MailClientSettings mailClientSettings(@Value("${console.mail.host}") String host) {
        return MailClientSettings.read(ConfigFiles.dir(), host, System.getenv());
    }
}
