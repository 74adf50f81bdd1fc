package vn.congvu.gateway.receipt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.congvu.gateway.smpp.ReceiptListener;

/** Matches each receipt to the part it is about and records it in the outbox. */
@Component
public class ReceiptRecorder implements ReceiptListener {

    private static final Logger log = LoggerFactory.getLogger(ReceiptRecorder.class);

    private final ReceiptMatcher matcher;
    private final Map<ReceiptState, Counter> received = new EnumMap<>(ReceiptState.class);

    public ReceiptRecorder(ReceiptMatcher matcher, MeterRegistry registry) {
        this.matcher = matcher;
        for (ReceiptState state : ReceiptState.values()) {
            // congvu_sms_receipts_total{state="DELIVRD"} is the "delivered" figure
            received.put(state, Counter.builder("congvu.sms.receipts").description("delivery receipts by state")
                    .tag("state", state.name()).register(registry));
        }
    }

    @Override
    public void onReceipt(String account, String text, String receiptedMessageId, Integer messageState) {
        Optional<DeliveryReceipt> parsed = ReceiptParser.parse(text, receiptedMessageId, messageState);
        if (parsed.isEmpty()) {
            log.warn("SMSC {}: receipt without a message id ignored: {}", account, text);
            return;
        }
        DeliveryReceipt receipt = parsed.get();
        received.get(receipt.state()).increment();
        if (!matcher.applyReceipt(account, receipt.id(), receipt.state(), receipt.error())) {
            log.debug("SMSC {}: receipt for {} kept until its submit_sm_resp is stored", account, receipt.id());
        }
    }
}
