package vn.congvu.gateway.cluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    @Bean
    ClusterView clusterView(ClusterProperties properties) {
        return properties.enabled() ? new HazelcastCluster(properties) : new SingleNode();
    }
}
