package vn.congvu.mail.james;

import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.store.extractor.JsoupTextExtractor;
import org.apache.james.mailbox.store.search.MessageSearchIndex;


import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

import vn.congvu.mail.imap.search.ImapSearchIndex;

/**
 * IMAP SEARCH evaluated on the stored messages themselves. Chosen over James 3.8.1's Lucene index,
 * which on these messages matched neither RFC 2047-encoded subjects nor substrings
 * (SEARCH SUBJECT "12" found nothing in "Công văn số 12"). Costs a scan per SEARCH, none per delivery.
 * James' scanning index with IMAP's date and sequence-set meanings ({@link ImapSearchIndex}).
 */
public class ScanningSearchModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(JsoupTextExtractor.class).in(Scopes.SINGLETON);
        bind(TextExtractor.class).to(JsoupTextExtractor.class);
        bind(ImapSearchIndex.class).in(Scopes.SINGLETON);
        bind(MessageSearchIndex.class).to(ImapSearchIndex.class);
    }
}
