package vn.congvu.mail.groups;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;

import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.model.Group;
import vn.congvu.directory.model.Official;
import vn.congvu.mail.users.DirectoryConnection;

/**
 * Groups are LDAP groupOfNames with a {@code mail}; members are resolved by the directory client,
 * which follows nested groups and visits each group once (cycles end). Disabled officials and
 * officials without a mail address are left out.
 */
public class DirectoryMailGroups implements MailGroups {
    private final DirectoryConnection directory;

    @Inject
    public DirectoryMailGroups(DirectoryConnection directory) {
        this.directory = directory;
    }

    @Override
    public Optional<List<MailAddress>> members(MailAddress address) throws GroupsUnavailableException {
        try {
            DirectoryClient client = directory.client();
            Optional<Group> group = client.findGroupByMail(address.asString());
            if (group.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(client.resolveGroup(group.get().name()).stream()
                .filter(Official::active)
                .map(Official::mail)
                .filter(mail -> mail != null && !mail.isBlank())
                .distinct()
                .map(DirectoryMailGroups::parse)
                .flatMap(Optional::stream)
                .collect(Collectors.toList()));
        } catch (DirectoryUnavailableException e) {
            throw new GroupsUnavailableException("The directory is unreachable: " + e.getMessage(), e);
        }
    }

    private static Optional<MailAddress> parse(String mail) {
        try {
            return Optional.of(new MailAddress(mail));
        } catch (AddressException e) {
            return Optional.empty(); // a malformed mail attribute cannot receive mail
        }
    }
}
