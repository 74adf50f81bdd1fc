package vn.congvu.mail.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;

/** What an IMAP client sees of one folder: UIDVALIDITY, UIDNEXT and every message's subject, UID and flags. */
public record MailboxSnapshot(long uidValidity, long uidNext, List<Entry> messages) {

    public record Entry(long uid, String subject, String flags) {
    }

    public static MailboxSnapshot of(Store store, String name) throws Exception {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        folder.open(Folder.READ_ONLY);
        try {
            Message[] all = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(all, profile);
            List<Entry> entries = new ArrayList<>();
            for (Message message : all) {
                String flags = String.join(" ", new java.util.TreeSet<>(List.of(
                    flagNames(message.getFlags()))));
                entries.add(new Entry(folder.getUID(message), message.getSubject(), flags));
            }
            return new MailboxSnapshot(folder.getUIDValidity(), folder.getUIDNext(), entries);
        } finally {
            folder.close(false);
        }
    }

    private static String[] flagNames(jakarta.mail.Flags flags) {
        List<String> names = new ArrayList<>(List.of(flags.getUserFlags()));
        for (jakarta.mail.Flags.Flag flag : flags.getSystemFlags()) {
            if (flag == jakarta.mail.Flags.Flag.RECENT) {
                continue; // \Recent belongs to the session, not to the stored message
            }
            names.add(flag == jakarta.mail.Flags.Flag.SEEN ? "\\Seen"
                : flag == jakarta.mail.Flags.Flag.FLAGGED ? "\\Flagged"
                : flag == jakarta.mail.Flags.Flag.ANSWERED ? "\\Answered"
                : flag == jakarta.mail.Flags.Flag.DELETED ? "\\Deleted"
                : flag == jakarta.mail.Flags.Flag.DRAFT ? "\\Draft" : flag.toString());
        }
        return names.toArray(String[]::new);
    }

    public Map<String, Integer> subjectCounts() {
        Map<String, Integer> counts = new HashMap<>();
        messages.forEach(entry -> counts.merge(entry.subject(), 1, Integer::sum));
        return counts;
    }
}
