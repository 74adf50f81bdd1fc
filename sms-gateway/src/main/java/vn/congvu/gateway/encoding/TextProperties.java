package vn.congvu.gateway.encoding;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code gateway.text}: the encoding used when a notice does not ask for one, and the part limit. */
@ConfigurationProperties("gateway.text")
public record TextProperties(@DefaultValue("GSM7") EncodingMode defaultEncoding, @DefaultValue("6") int maxParts) {
}
