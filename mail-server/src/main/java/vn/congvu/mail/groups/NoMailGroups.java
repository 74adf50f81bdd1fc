package vn.congvu.mail.groups;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/** Local accounts without a directory have no groups. */
public class NoMailGroups implements MailGroups {
    @Override
    public Optional<List<MailAddress>> members(MailAddress address) {
        return Optional.empty();
    }
}
