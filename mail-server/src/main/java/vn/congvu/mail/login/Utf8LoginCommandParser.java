package vn.congvu.mail.login;

import java.nio.charset.StandardCharsets;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.apache.james.imap.message.request.LoginRequest;

/**
 * LOGIN with its user name and password read as UTF-8, quoted or literal. James 3.8.1 reads them as US-ASCII,
 * so an official whose password has Vietnamese letters ("Mật-khẩu…") could sign in with AUTHENTICATE PLAIN but
 * never with LOGIN, which Outlook and many phone clients use. Dovecot reads them as UTF-8 too.
 */
public final class Utf8LoginCommandParser extends AbstractImapCommandParser {
    @Inject
    public Utf8LoginCommandParser(StatusResponseFactory statusResponseFactory) {
        super(ImapConstants.LOGIN_COMMAND, statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        Username user = Username.of(request.astring(StandardCharsets.UTF_8));
        String password = request.astring(StandardCharsets.UTF_8);
        request.eol();
        return new LoginRequest(user, password, tag);
    }
}
