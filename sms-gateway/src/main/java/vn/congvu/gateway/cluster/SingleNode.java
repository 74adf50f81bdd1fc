package vn.congvu.gateway.cluster;

import java.util.Set;
import java.util.UUID;

/** No cluster: this gateway is alone with its outbox. */
public final class SingleNode implements ClusterView {

    private final String id = "single-" + UUID.randomUUID();

    @Override
    public String nodeId() {
        return id;
    }

    @Override
    public Set<String> liveNodes() {
        return Set.of(id);
    }

    @Override
    public int index() {
        return 0;
    }

    @Override
    public void onChange(Listener listener) {
    }
}
