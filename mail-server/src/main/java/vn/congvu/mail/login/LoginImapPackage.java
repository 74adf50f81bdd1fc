package vn.congvu.mail.login;

import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

/**
 * James' default IMAP commands with our LOGIN and AUTHENTICATE ({@code NO [UNAVAILABLE]} during an
 * outage). Named in config/james/imapserver.xml {@code <imapPackages>}.
 */
public class LoginImapPackage extends ImapPackage.Impl {
    private static final Map<String, Class<?>> REPLACED = Map.of(
        LoginProcessor.class.getName(), UnavailableAwareLoginProcessor.class,
        AuthenticateProcessor.class.getName(), UnavailableAwareAuthenticateProcessor.class);

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
