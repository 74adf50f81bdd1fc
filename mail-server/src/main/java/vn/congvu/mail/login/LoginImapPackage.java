package vn.congvu.mail.login;

import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.imap.processor.fetch.FetchProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

import vn.congvu.mail.imap.fetch.SectionFetchProcessor;
import vn.congvu.mail.imap.limits.RefusedLiteralProcessor;
import vn.congvu.mail.imap.names.InvalidNameCreateProcessor;
import vn.congvu.mail.imap.names.InvalidNameRenameProcessor;

/**
 * James' default IMAP commands with our LOGIN and AUTHENTICATE ({@code NO [UNAVAILABLE]} during an
 * outage), CREATE and RENAME explaining a refused name ({@code NO [CANNOT]}), FETCH cutting numbered sections
 * and naming envelope addresses as RFC 3501 and Dovecot do ({@link SectionFetchProcessor}), and the answer to a
 * command whose literal was refused ({@link RefusedLiteralProcessor}).
 * Named in config/james/imapserver.xml {@code <imapPackages>}.
 */
public class LoginImapPackage extends ImapPackage.Impl {
    private static final Map<String, Class<?>> REPLACED = Map.of(
        LoginProcessor.class.getName(), UnavailableAwareLoginProcessor.class,
        AuthenticateProcessor.class.getName(), UnavailableAwareAuthenticateProcessor.class,
        CreateProcessor.class.getName(), InvalidNameCreateProcessor.class,
        RenameProcessor.class.getName(), InvalidNameRenameProcessor.class,
        FetchProcessor.class.getName(), SectionFetchProcessor.class);

    public LoginImapPackage() {
        super(ImmutableList.<ClassName>builder()
                .addAll(DEFAULT.processors().stream()
                    .map(processor -> Optional.<Class<?>>ofNullable(REPLACED.get(processor.getName()))
                        .map(ours -> new ClassName(ours.getName()))
                        .orElse(processor))
                    .iterator())
                .add(new ClassName(RefusedLiteralProcessor.class.getName()))
                .build(),
            ImmutableList.copyOf(DEFAULT.decoders()),
            ImmutableList.copyOf(DEFAULT.encoders()));
    }
}
