package vn.congvu.mail.submission;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.congvu.mail.groups.MailGroups;
import vn.congvu.mail.groups.MailGroups.GroupsUnavailableException;

/**
 * Which addresses a signed-in official may send as: their own (and its aliases in the recipient rewrite table, as
 * James allows), and the address of any mail group they are a member of: the office's shared address its clerks
 * answer from. One rule for the envelope ({@code MAIL FROM}, James' identity check asks it through this extension
 * point) and for the headers ({@link SenderIdentityHook}).
 */
public class GroupSenders implements CanSendFrom {
    private final CanSendFromImpl aliases;
    private final MailGroups groups;

    @Inject
    public GroupSenders(CanSendFromImpl aliases, MailGroups groups) {
        this.aliases = aliases;
        this.groups = groups;
    }

    /** True when {@code official} may name {@code address} as the sender. */
    public boolean mayUse(Username official, String address) throws GroupsUnavailableException {
        if (official.asString().equalsIgnoreCase(address)) {
            return true;
        }
        MailAddress group;
        try {
            group = new MailAddress(address);
        } catch (AddressException e) {
            return false;
        }
        if (aliases.userCanSendFrom(official, Username.of(group.asString()))) {
            return true;
        }
        Optional<List<MailAddress>> members = groups.members(group);
        return members.isPresent() && members.get().stream().anyMatch(m -> m.asString().equalsIgnoreCase(official.asString()));
    }

    @Override
    public boolean userCanSendFrom(Username connectedUser, Username fromUser) {
        try {
            return mayUse(connectedUser, fromUser.asString());
        } catch (GroupsUnavailableException e) {
            // James answers a failing identity check with a temporary error: the client tries again later
            throw new IllegalStateException("The sender address cannot be checked now: " + e.getMessage(), e);
        }
    }

    @Override
    public Publisher<Boolean> userCanSendFromReactive(Username connectedUser, Username fromUser) {
        return Mono.fromCallable(() -> userCanSendFrom(connectedUser, fromUser)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The official's own addresses; the groups they may send as are not listed (that would read every group). */
    @Override
    public Stream<MailAddress> allValidFromAddressesForUser(Username user) throws RecipientRewriteTableException {
        try {
            return aliases.allValidFromAddressesForUser(user);
        } catch (org.apache.james.rrt.api.RecipientRewriteTable.ErrorMappingException e) {
            throw new RecipientRewriteTableException("Cannot list the addresses of " + user.asString(), e);
        }
    }
}
