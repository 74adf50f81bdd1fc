package vn.congvu.gateway.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.simulator}: the built-in SMSC of the default run.
 *
 * @param mode         auto (start it unless CONGVU_SMSC_HOST names a real SMSC), on, off
 * @param port         its port; the default is config/gateway/application.yml's, nowhere else
 * @param receiptDelay how long after a submit the simulated handset "receives" it (DELIVRD receipt)
 */
@ConfigurationProperties("gateway.simulator")
public record SimulatorProperties(@DefaultValue("auto") String mode, int port,
                                  @DefaultValue("1s") Duration receiptDelay) {

    public SimulatorProperties {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("gateway.simulator.port must be 1..65535, not " + port
                    + " (config/gateway/application.yml gives it)");
        }
    }
}
