package vn.congvu.mail.submission;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.congvu.mail.groups.MailGroups;
import vn.congvu.mail.locations.MailServerLocations;
import vn.congvu.mail.peers.PeerDomains;
import vn.congvu.mail.users.OutboundBlocks;

/**
 * A signed-in account may address at most {@link OutboundLimit#recipients()} recipients outside the local and peer
 * domains within {@link OutboundLimit#window()}; the one beyond blocks the account's external mail
 * ({@link OutboundBlocks}, audited), refused with {@code 550 5.7.1} and the reason until an administrator lifts it,
 * and the administrators are told by mail ({@code directory-admins@domain}, else the postmaster). A stolen password
 * must not turn an official's account into a spam cannon. Mail to local and peer domains is never counted nor
 * blocked: an official whose account is blocked still works with the province.
 */
public class OutboundLimitHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutboundLimitHook.class);
    private static final String ADMINISTRATORS = "directory-admins";
    private static final HookResult BLOCKED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("550")
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
            + " Mail outside the province from this account is blocked after too many external recipients;"
            + " an administrator must lift the block")
        .build();

    private static final HookResult TRY_LATER = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode("451")
        .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SYSTEM_OTHER)
            + " The outbound limit cannot be checked now; try again later")
        .build();

    private final DomainList domains;
    private final PeerDomains peers;
    private final OutboundBlocks blocks;
    private final OutboundLimit limit;
    private final ExternalRecipients counted;
    private final MailGroups groups;
    private final MailetContext mailet;

    @Inject
    public OutboundLimitHook(DomainList domains, OutboundBlocks blocks, MailGroups groups, MailetContext mailet) {
        this(domains, PeerDomains.load(configuration().resolve(PeerDomains.FILE)), blocks,
            OutboundLimit.load(configuration().resolve(OutboundLimit.FILE)), groups, mailet, Clock.systemUTC());
    }

    OutboundLimitHook(DomainList domains, PeerDomains peers, OutboundBlocks blocks, OutboundLimit limit,
                      MailGroups groups, MailetContext mailet, Clock clock) {
        this.domains = domains;
        this.peers = peers;
        this.blocks = blocks;
        this.limit = limit;
        this.counted = new ExternalRecipients(limit, clock);
        this.groups = groups;
        this.mailet = mailet;
    }

    private static Path configuration() {
        return MailServerLocations.from(System.getenv()).configurationDirectory();
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        if (session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        try {
            if (domains.containsDomain(recipient.getDomain()) || peers.isPeer(recipient.getDomain().asString())) {
                return HookResult.DECLINED;
            }
            if (blocks.blockedSince(session.getUsername()).isPresent()) {
                return BLOCKED;
            }
            if (counted.add(session.getUsername().asString())) {
                return HookResult.DECLINED;
            }
            String detail = "more than " + limit.recipients() + " recipients outside the local and peer domains in "
                + limit.window().toMinutes() + " minutes";
            String source = "smtp " + Optional.ofNullable(session.getRemoteAddress())
                .map(a -> a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()).orElse("unknown");
            if (blocks.block(session.getUsername(), detail, source)) {
                LOGGER.warn("External mail of {} blocked: {}", session.getUsername().asString(), detail);
                tellAdministrators(session.getUsername().asString(), detail, source);
            }
            counted.forget(session.getUsername().asString());
            return BLOCKED;
        } catch (DomainListException | OutboundBlocks.UnavailableException e) {
            return TRY_LATER;
        }
    }

    private void tellAdministrators(String account, String detail, String source) {
        try {
            String domain = domains.getDefaultDomain().asString();
            MailAddress administrators = new MailAddress(ADMINISTRATORS, Domain.of(domain));
            MailAddress to = groups.members(administrators).isPresent() ? administrators : mailet.getPostmaster();
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(mailet.getPostmaster().asString()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.asString()));
            message.setSubject("[CongVu] Tài khoản " + account + " bị chặn gửi thư ra ngoài", "UTF-8");
            message.setText("Tài khoản " + account + " đã gửi thư tới " + detail + " (" + source + ").\n"
                + "Thư gửi ra ngoài tỉnh từ tài khoản này bị từ chối cho đến khi quản trị viên mở lại trên trang quản trị.\n"
                + "Hãy kiểm tra xem mật khẩu của tài khoản có bị lộ không.\n\n"
                + "Account " + account + " sent mail to " + detail + " (" + source + "); its external mail is refused "
                + "until an administrator lifts the block in the console.\n", "UTF-8");
            message.saveChanges();
            mailet.sendMail(mailet.getPostmaster(), List.of(to), message);
        } catch (MessagingException | DomainListException | MailGroups.GroupsUnavailableException e) {
            LOGGER.error("The administrators could not be told that {} was blocked", account, e);
        }
    }

}
