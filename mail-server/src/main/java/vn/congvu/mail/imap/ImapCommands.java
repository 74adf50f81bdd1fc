package vn.congvu.mail.imap;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.decode.parser.AppendCommandParser;
import org.apache.james.imap.decode.parser.ListCommandParser;
import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.imap.processor.ListProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.imap.processor.fetch.FetchProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

import vn.congvu.mail.imap.append.MultiAppendCommandParser;
import vn.congvu.mail.imap.append.MultiAppendProcessor;
import vn.congvu.mail.imap.fetch.SectionFetchProcessor;
import vn.congvu.mail.imap.limits.RefusedLiteralProcessor;
import vn.congvu.mail.imap.list.PatternListCommandParser;
import vn.congvu.mail.imap.list.PatternListProcessor;
import vn.congvu.mail.imap.names.InvalidNameCreateProcessor;
import vn.congvu.mail.imap.names.InvalidNameRenameProcessor;
import vn.congvu.mail.imap.selected.ExamineIntoView;
import vn.congvu.mail.imap.selected.SelectIntoView;
import vn.congvu.mail.login.UnavailableAwareAuthenticateProcessor;
import vn.congvu.mail.login.UnavailableAwareLoginProcessor;
import vn.congvu.mail.login.Utf8LoginCommandParser;

/**
 * The IMAP commands this server answers: James' own, some in place of James' classes. Named in
 * config/james/imapserver.xml {@code <imapPackages>} (one package: James joins the lists of several, and a
 * command listed twice fails the start).
 */
public class ImapCommands extends ImapPackage.Impl {
    private static final Map<String, Class<?>> PROCESSORS = Map.of(
        // NO [UNAVAILABLE] while accounts cannot be checked
        LoginProcessor.class.getName(), UnavailableAwareLoginProcessor.class,
        AuthenticateProcessor.class.getName(), UnavailableAwareAuthenticateProcessor.class,
        // into a session view that numbers messages as RFC 3501 says
        SelectProcessor.class.getName(), SelectIntoView.class,
        ExamineProcessor.class.getName(), ExamineIntoView.class,
        // NO [CANNOT] and the reason for a name the store refuses
        CreateProcessor.class.getName(), InvalidNameCreateProcessor.class,
        RenameProcessor.class.getName(), InvalidNameRenameProcessor.class,
        // numbered sections below message/rfc822, ENVELOPE names written as comments
        FetchProcessor.class.getName(), SectionFetchProcessor.class,
        // RFC 5258: several patterns, REMOTE
        ListProcessor.class.getName(), PatternListProcessor.class);
    private static final Map<String, Class<?>> PARSERS = Map.of(
        ListCommandParser.class.getName(), PatternListCommandParser.class,
        // one message or several (MULTIAPPEND)
        AppendCommandParser.class.getName(), MultiAppendCommandParser.class,
        // a password with Vietnamese letters
        LoginCommandParser.class.getName(), Utf8LoginCommandParser.class);

    public ImapCommands() {
        super(ImmutableList.<ClassName>builder()
                .addAll(replaced(DEFAULT.processors(), PROCESSORS))
                // the answer to a command whose literal was refused before James read it
                .add(new ClassName(RefusedLiteralProcessor.class.getName()))
                .add(new ClassName(MultiAppendProcessor.class.getName()))
                .build(),
            replaced(DEFAULT.decoders(), PARSERS),
            ImmutableList.copyOf(DEFAULT.encoders()));
    }

    private static ImmutableList<ClassName> replaced(Collection<ClassName> james, Map<String, Class<?>> ours) {
        return james.stream()
            .map(named -> Optional.<Class<?>>ofNullable(ours.get(named.getName()))
                .map(replacement -> new ClassName(replacement.getName()))
                .orElse(named))
            .collect(ImmutableList.toImmutableList());
    }
}
