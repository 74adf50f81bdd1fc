package vn.congvu.console.signin;

import java.io.Serializable;

/** Who a session or an API request belongs to: the principal of the console's authentications. */
public record SignedInOfficial(String uid, String dn) implements Serializable {

    @Override
    public String toString() {
        return uid;
    }
}
