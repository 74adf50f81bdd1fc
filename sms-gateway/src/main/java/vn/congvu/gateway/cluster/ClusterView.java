package vn.congvu.gateway.cluster;

import java.util.Set;

/**
 * What the sending side needs to know about the other gateways sharing the outbox: who this node is,
 * who is alive, and this node's share of the work.
 */
public interface ClusterView {

    /** Stable for the life of this process; recorded on the messages it claims. */
    String nodeId();

    /** Node ids of the live members, this one included. */
    Set<String> liveNodes();

    /** Members alive now (at least 1). */
    default int size() {
        return Math.max(1, liveNodes().size());
    }

    /** This node's position among the live members, 0-based, the same order on every member. */
    int index();

    /** Called after a member joined or left, with the ids of those that left. */
    void onChange(Listener listener);

    interface Listener {
        void membersChanged(Set<String> left);
    }
}
