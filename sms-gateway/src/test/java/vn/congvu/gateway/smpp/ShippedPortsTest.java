package vn.congvu.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import vn.congvu.gateway.cluster.ClusterProperties;
import vn.congvu.gateway.simulator.SimulatorProperties;

/**
 * The ports of config/gateway/application.yml, bound as the gateway binds them: the SMSC and Hazelcast ports are
 * written there once (the properties have no default of their own), and the default account follows
 * CONGVU_SMSC_PORT wherever the simulator does.
 */
class ShippedPortsTest {

    private static Binder shipped(Map<String, Object> environment) throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("config/gateway/application.yml",
                new FileSystemResource(Path.of("..", "config", "gateway", "application.yml")))) {
            env.getPropertySources().addLast(source);
        }
        env.getPropertySources().addFirst(new MapPropertySource("environment", environment));
        return Binder.get(env);
    }

    @Test
    void theDefaultAccountReachesTheSimulator() throws Exception {
        Binder binder = shipped(Map.of());
        int simulator = binder.bind("gateway.simulator", SimulatorProperties.class).get().port();
        SmppProperties smpp = binder.bind("gateway.smpp", SmppProperties.class).get();
        assertTrue(simulator > 0, "the shipped simulator port: " + simulator);
        assertEquals(simulator, smpp.accounts().get(0).port());
        assertTrue(binder.bind("gateway.cluster", ClusterProperties.class).get().port() > 0);
    }

    @Test
    void oneVariableMovesBoth() throws Exception {
        Binder binder = shipped(Map.of("CONGVU_SMSC_PORT", "12775", "CONGVU_CLUSTER_PORT", "15701"));
        assertEquals(12775, binder.bind("gateway.simulator", SimulatorProperties.class).get().port());
        assertEquals(12775, binder.bind("gateway.smpp", SmppProperties.class).get().accounts().get(0).port());
        assertEquals(15701, binder.bind("gateway.cluster", ClusterProperties.class).get().port());
    }
}
