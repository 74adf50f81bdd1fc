package vn.congvu.directory.model;

/**
 * An official as stored under {@code ou=people}.
 *
 * @param mobile normalised {@code 84xxxxxxxxx}, or null when the directory has none
 * @param unit   unit code ({@code ou} attribute), or null
 */
public record Official(
        String uid,
        String fullName,
        String mail,
        String mobile,
        String unit,
        String title,
        AccountStatus status,
        boolean mustChangePassword) {

    public boolean active() {
        return status == AccountStatus.ACTIVE;
    }

    public boolean hasMobile() {
        return mobile != null && !mobile.isEmpty();
    }
}
