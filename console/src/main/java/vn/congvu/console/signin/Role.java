package vn.congvu.console.signin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import vn.congvu.directory.client.DirectoryClient;

/**
 * What an official may do on the console, from the directory: every signed-in official is {@link #OFFICIAL}; the
 * members of the reserved groups (directly or through nested groups, as the gateway reads notice-senders) get one
 * role more each. An official whose password must be changed first gets {@link #MUST_CHANGE_PASSWORD} alone; the
 * second factor's steps give {@link #CODE_PENDING} or {@link #ENROL_FIRST} alone, then {@link #SECOND_FACTOR}.
 */
public enum Role {
    OFFICIAL(null),
    MUST_CHANGE_PASSWORD(null),
    /** Right password, second-factor code not yet typed: the code form only. */
    CODE_PENDING(null),
    /** An administrator without a second factor: the enrolment page only, until enrolled. */
    ENROL_FIRST(null),
    /** This sign-in passed the second factor (the code form, or X-CongVu-OTP on the API). */
    SECOND_FACTOR(null),
    ADMINISTRATOR("directory-admins"),
    NOTICE_SENDER("notice-senders"),
    DIRECTIVE_ISSUER("directive-issuers");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String authority() {
        return name();
    }

    public boolean heldBy(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().anyMatch(a -> name().equals(a.getAuthority()));
    }

    /** The authorities of an official allowed in: OFFICIAL and one per reserved group they are a member of. */
    public static List<GrantedAuthority> of(DirectoryClient directory, String uid) {
        List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority(OFFICIAL.name())));
        for (Role role : values()) {
            if (role.group != null && directory.isMember(uid, role.group)) {
                authorities.add(new SimpleGrantedAuthority(role.name()));
            }
        }
        return authorities;
    }

    /** {@code authorities} and this role. */
    public List<GrantedAuthority> plus(List<GrantedAuthority> authorities) {
        List<GrantedAuthority> more = new ArrayList<>(authorities);
        more.add(new SimpleGrantedAuthority(name()));
        return more;
    }

    /** This role alone: a sign-in half done ({@link #CODE_PENDING}, {@link #ENROL_FIRST}). */
    public List<GrantedAuthority> alone() {
        return List.of(new SimpleGrantedAuthority(name()));
    }

    /** The only authority of an official signed in with a password that must be changed first. */
    public static List<GrantedAuthority> changeOnly() {
        return List.of(new SimpleGrantedAuthority(MUST_CHANGE_PASSWORD.name()));
    }
}
