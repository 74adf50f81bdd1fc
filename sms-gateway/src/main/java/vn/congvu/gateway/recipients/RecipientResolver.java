package vn.congvu.gateway.recipients;

import java.util.List;

/** Turns the targets of a notice into mobile numbers. */
public interface RecipientResolver {

    /**
     * @throws BadTargetException for an invalid raw number, an unknown group, unit or uid
     * @throws vn.congvu.gateway.recipients.DirectoryDownException when the directory cannot be asked
     */
    List<Recipient> resolve(NoticeTargets targets);
}
