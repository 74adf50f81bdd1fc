package vn.congvu.gateway.cluster;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.cluster}: the embedded Hazelcast member.
 *
 * @param members other gateways as host:port (TCP/IP discovery, no multicast); empty for a single member
 * @param address the interface Hazelcast binds (loopback unless the gateways are on several machines)
 * @param port    Hazelcast's port; its default is config/gateway/application.yml's, nowhere else
 */
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(@DefaultValue("true") boolean enabled, @DefaultValue("congvu-sms") String name,
                                @DefaultValue("127.0.0.1") String address, int port,
                                @DefaultValue List<String> members) {

    public ClusterProperties {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("gateway.cluster.port must be 1..65535, not " + port
                    + " (config/gateway/application.yml gives it)");
        }
        // "a:1, b:2" from one environment variable as well as a YAML list
        members = members == null ? List.of() : members.stream()
                .flatMap(m -> java.util.Arrays.stream(m.split("[,\\s]+")))
                .filter(m -> !m.isBlank()).toList();
    }
}
