package vn.congvu.gateway.encoding;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EncodingConfiguration {

    @Bean
    SmsEncoder smsEncoder(TextProperties properties) {
        return new SmsEncoder(properties.maxParts());
    }
}
