package vn.congvu.mail.pop3;

import java.util.List;

import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandlerResultLogger;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.pop3.core.CapaCmdHandler;
import org.apache.james.protocols.pop3.core.DeleCmdHandler;
import org.apache.james.protocols.pop3.core.ListCmdHandler;
import org.apache.james.protocols.pop3.core.NoopCmdHandler;
import org.apache.james.protocols.pop3.core.QuitCmdHandler;
import org.apache.james.protocols.pop3.core.RetrCmdHandler;
import org.apache.james.protocols.pop3.core.RsetCmdHandler;
import org.apache.james.protocols.pop3.core.StatCmdHandler;
import org.apache.james.protocols.pop3.core.StlsCmdHandler;
import org.apache.james.protocols.pop3.core.TopCmdHandler;
import org.apache.james.protocols.pop3.core.UidlCmdHandler;
import org.apache.james.protocols.pop3.core.UnknownCmdHandler;

/**
 * James 3.8.1's POP3 commands with the greeting ({@link HostGreeting}), USER and PASS answered by ours ({@link TlsUserCmdHandler}, {@link PolicyPassCmdHandler}):
 * named as the core package of {@code pop3server.xml}'s handler chain. James' own PASS also let the client's
 * address relay mail for a while after a login (POP-before-SMTP); ours does not.
 */
public class Pop3Handlers implements HandlersPackage {
    private static final List<String> HANDLERS = List.of(
        HostGreeting.class.getName(),
        CommandDispatcher.class.getName(),
        CapaCmdHandler.class.getName(),
        TlsUserCmdHandler.class.getName(),
        PolicyPassCmdHandler.class.getName(),
        ListCmdHandler.class.getName(),
        UidlCmdHandler.class.getName(),
        RsetCmdHandler.class.getName(),
        DeleCmdHandler.class.getName(),
        NoopCmdHandler.class.getName(),
        RetrCmdHandler.class.getName(),
        TopCmdHandler.class.getName(),
        StatCmdHandler.class.getName(),
        QuitCmdHandler.class.getName(),
        UnknownCmdHandler.class.getName(),
        StlsCmdHandler.class.getName(),
        CommandHandlerResultLogger.class.getName());

    @Override
    public List<String> getHandlers() {
        return HANDLERS;
    }
}
