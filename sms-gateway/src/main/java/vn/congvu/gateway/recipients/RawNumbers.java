package vn.congvu.gateway.recipients;

import java.util.ArrayList;
import java.util.List;
import vn.congvu.directory.model.MobileNumber;

/** Numbers typed by the sender: each must be a Vietnamese mobile number, or the notice is refused. */
final class RawNumbers {

    private RawNumbers() {
    }

    static List<Recipient> resolve(List<String> numbers) {
        List<Recipient> out = new ArrayList<>(numbers.size());
        for (String raw : numbers) {
            MobileNumber.Result parsed = MobileNumber.parse(raw);
            if (!parsed.valid()) {
                throw new BadTargetException("invalid number: " + parsed.error());
            }
            out.add(Recipient.of(raw.strip(), parsed.normalised()));
        }
        return out;
    }
}
