package vn.congvu.mail.directive;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;

/** Local accounts (no directory): nobody is an issuer, so no mail is a directive. */
public class NoDirectiveDirectory implements DirectiveDirectory {
    @Override
    public Optional<Official> official(String mail) {
        return Optional.empty();
    }

    @Override
    public Map<String, Official> officials(Collection<String> mails) {
        return Map.of();
    }

    @Override
    public boolean isMember(String uid, String group) {
        return false;
    }

    @Override
    public Optional<Unit> unit(String code) {
        return Optional.empty();
    }
}
