package vn.congvu.mail.recipients;

import java.util.EnumSet;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import vn.congvu.mail.groups.MailGroups;

/**
 * RCPT TO for our domains is accepted for an active account, a group address, or an address the
 * recipient rewrite table maps. Unknown or disabled accounts get 550 at once; while the directory is
 * unreachable the answer is 451, so the sending server retries instead of bouncing.
 * Replaces James' ValidRcptHandler, which knows neither groups nor temporary directory failures.
 */
public class ValidRecipientHook implements RcptHook {
    private static final HookResult UNKNOWN = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.ADDRESS_MAILBOX) + " Unknown or disabled account")
        .build();
    private static final HookResult DIRECTORY_DOWN = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
        .smtpDescription("4.4.3 The directory of accounts is unreachable, try again later")
        .build();

    private final UsersRepository users;
    private final MailGroups groups;
    private final DomainList domains;
    private final RecipientRewriteTable recipientRewriteTable;

    @Inject
    public ValidRecipientHook(UsersRepository users, MailGroups groups, DomainList domains,
                              RecipientRewriteTable recipientRewriteTable) {
        this.users = users;
        this.groups = groups;
        this.domains = domains;
        this.recipientRewriteTable = recipientRewriteTable;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        try {
            if (!domains.containsDomain(recipient.getDomain())) {
                return HookResult.DECLINED; // relaying is decided by the AUTH rules
            }
            if (users.contains(users.getUsername(recipient))
                || groups.members(recipient).isPresent()
                || hasMapping(recipient)) {
                return HookResult.DECLINED;
            }
            return UNKNOWN;
        } catch (UsersRepositoryException | MailGroups.GroupsUnavailableException | DomainListException e) {
            return DIRECTORY_DOWN;
        }
    }

    private boolean hasMapping(MailAddress recipient) {
        try {
            return !recipientRewriteTable.getResolvedMappings(recipient.getLocalPart(), recipient.getDomain(),
                EnumSet.allOf(Mapping.Type.class)).isEmpty();
        } catch (RecipientRewriteTableException | RecipientRewriteTable.ErrorMappingException e) {
            return false;
        }
    }
}
