package vn.congvu.gateway.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.dispatch}: how the outbox is drained.
 *
 * @param batchSize  most messages taken from the outbox at once
 * @param idlePoll   how often an idle dispatcher looks for due retries
 */
@ConfigurationProperties("gateway.dispatch")
public record DispatchProperties(@DefaultValue("500") int batchSize, @DefaultValue("200ms") Duration idlePoll) {
}
