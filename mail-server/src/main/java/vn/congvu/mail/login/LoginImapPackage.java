package vn.congvu.mail.login;

import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

import vn.congvu.mail.imap.selected.ExamineIntoView;
import vn.congvu.mail.imap.selected.SelectIntoView;

/**
 * James' default IMAP commands with our LOGIN and AUTHENTICATE ({@code NO [UNAVAILABLE]} during an
 * outage), and our SELECT and EXAMINE (into a session view that numbers messages as RFC 3501 says).
 * Named in config/james/imapserver.xml {@code <imapPackages>}.
 */
public class LoginImapPackage extends ImapPackage.Impl {
    private static final Map<String, Class<?>> REPLACED = Map.of(
        LoginProcessor.class.getName(), UnavailableAwareLoginProcessor.class,
        AuthenticateProcessor.class.getName(), UnavailableAwareAuthenticateProcessor.class,
        SelectProcessor.class.getName(), SelectIntoView.class,
        ExamineProcessor.class.getName(), ExamineIntoView.class);

    public LoginImapPackage() {
        super(DEFAULT.processors().stream()
                .map(processor -> Optional.<Class<?>>ofNullable(REPLACED.get(processor.getName()))
                    .map(ours -> new ClassName(ours.getName()))
                    .orElse(processor))
                .collect(ImmutableList.toImmutableList()),
            ImmutableList.copyOf(DEFAULT.decoders()),
            ImmutableList.copyOf(DEFAULT.encoders()));
    }
}
