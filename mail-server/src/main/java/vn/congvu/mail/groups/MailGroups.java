package vn.congvu.mail.groups;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/** Distribution lists: which addresses a group address stands for. */
public interface MailGroups {

    /**
     * The mail addresses of the active members of the group whose address this is (nested groups
     * followed), or empty when the address is not a group.
     *
     * @throws GroupsUnavailableException when the answer cannot be known now (directory unreachable)
     */
    Optional<List<MailAddress>> members(MailAddress address) throws GroupsUnavailableException;

    class GroupsUnavailableException extends Exception {
        public GroupsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
