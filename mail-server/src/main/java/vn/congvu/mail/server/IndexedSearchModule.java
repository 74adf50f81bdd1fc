package vn.congvu.mail.server;

import java.io.FileNotFoundException;

import org.apache.james.events.EventListener;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.store.extractor.JsoupTextExtractor;
import org.apache.james.mailbox.store.search.MessageSearchIndex;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

import vn.congvu.mail.imap.search.ImapSearchIndex;
import vn.congvu.mail.imap.search.IndexUpdates;
import vn.congvu.mail.imap.search.MailboxCatchUp;
import vn.congvu.mail.imap.search.TextIndex;

/**
 * IMAP SEARCH on our own text index ({@link TextIndex}) in var/store/search next to the mailboxes, kept up by an
 * event-bus group listener ({@link IndexUpdates}). Chosen over James 3.8.1's Lucene index, which on these messages
 * matched neither RFC 2047-encoded subjects nor substrings (SEARCH SUBJECT "12" found nothing in "Công văn số 12").
 * Keys the index does not hold (flags, sizes, dates) are evaluated by James' scan ({@link ImapSearchIndex}).
 */
public class IndexedSearchModule extends AbstractModule {
    /** Under James' working directory, as the mailboxes' database and the mail queue. */
    static final String LOCATION = "file://var/store/search";

    @Override
    protected void configure() {
        bind(JsoupTextExtractor.class).in(Scopes.SINGLETON);
        bind(TextExtractor.class).to(JsoupTextExtractor.class);
        bind(MailboxCatchUp.class).in(Scopes.SINGLETON);
        bind(IndexUpdates.class).in(Scopes.SINGLETON);
        bind(ImapSearchIndex.class).in(Scopes.SINGLETON);
        bind(MessageSearchIndex.class).to(ImapSearchIndex.class);
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
            .addBinding().to(IndexUpdates.class);
    }

    @Provides
    @Singleton
    TextIndex textIndex(FileSystem fileSystem) throws FileNotFoundException {
        return new TextIndex(fileSystem.getFile(LOCATION).toPath());
    }
}
