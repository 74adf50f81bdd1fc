package vn.congvu.gateway.receipt;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.congvu.gateway.outbox.OutboxStore;

/** Matches each receipt to the part it is about and records it in the outbox. */
@Component
public class ReceiptRecorder implements ReceiptListener {

    private static final Logger log = LoggerFactory.getLogger(ReceiptRecorder.class);

    private final OutboxStore outbox;

    public ReceiptRecorder(OutboxStore outbox) {
        this.outbox = outbox;
    }

    @Override
    public void onReceipt(String account, String text, String receiptedMessageId, Integer messageState) {
        Optional<DeliveryReceipt> parsed = ReceiptParser.parse(text, receiptedMessageId, messageState);
        if (parsed.isEmpty()) {
            log.warn("SMSC {}: receipt without a message id ignored: {}", account, text);
            return;
        }
        DeliveryReceipt receipt = parsed.get();
        if (!outbox.applyReceipt(account, receipt.id(), receipt.state(), receipt.error())) {
            log.debug("SMSC {}: receipt for {} kept until its submit_sm_resp is stored", account, receipt.id());
        }
    }
}
