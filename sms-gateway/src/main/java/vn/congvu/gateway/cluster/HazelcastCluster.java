package vn.congvu.gateway.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as an embedded Hazelcast member, members found by TCP/IP list (never multicast). It tells the
 * dispatcher its share of the outbox and reports members that left, whose claimed messages go back to the queue.
 */
public final class HazelcastCluster implements ClusterView, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HazelcastCluster.class);

    private final HazelcastInstance hazelcast;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public HazelcastCluster(ClusterProperties properties) {
        Config config = new Config();
        config.setClusterName(properties.name());
        config.setInstanceName("congvu-gateway-" + properties.port());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // a killed member is noticed within seconds, not the default minute
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(properties.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(properties.address());
        config.setProperty("hazelcast.socket.bind.any", "false");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(properties.address() + ":" + properties.port());
        properties.members().forEach(m -> join.getTcpIpConfig().addMember(m));
        hazelcast = Hazelcast.newHazelcastInstance(config);
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                log.info("gateway cluster: {} joined; {} member(s)", event.getMember().getAddress(), event.getMembers().size());
                listeners.forEach(l -> l.membersChanged(Set.of()));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                log.warn("gateway cluster: {} left; its messages in flight go back to the outbox",
                        event.getMember().getAddress());
                listeners.forEach(l -> l.membersChanged(Set.of(event.getMember().getUuid().toString())));
            }
        });
        log.info("gateway cluster '{}': member {} of {}", properties.name(), hazelcast.getCluster().getLocalMember().getAddress(),
                hazelcast.getCluster().getMembers().size());
    }

    @Override
    public String nodeId() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public Set<String> liveNodes() {
        return hazelcast.getCluster().getMembers().stream().map(m -> m.getUuid().toString()).collect(Collectors.toSet());
    }

    @Override
    public int index() {
        List<Member> members = hazelcast.getCluster().getMembers().stream()
                .sorted(Comparator.comparing(m -> m.getUuid().toString())).toList();
        String me = nodeId();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).getUuid().toString().equals(me)) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public void onChange(Listener listener) {
        listeners.add(listener);
    }

    /** A clean leave: the others take over at once instead of waiting for missed heartbeats. */
    @Override
    public void close() {
        hazelcast.shutdown();
    }
}
