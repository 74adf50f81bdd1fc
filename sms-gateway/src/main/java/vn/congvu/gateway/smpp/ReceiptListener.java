package vn.congvu.gateway.smpp;

/** Where the SMPP sessions hand the delivery receipts they receive. */
public interface ReceiptListener {

    /**
     * @param account            the SMSC account the receipt came in on (either bind of it)
     * @param text               the short_message of the deliver_sm, e.g. "id:… sub:… stat:DELIVRD …"
     * @param receiptedMessageId the receipted_message_id TLV, or null
     * @param messageState       the message_state TLV, or null
     * @throws RuntimeException  when the receipt could not be stored: the SMSC is told to send it again
     */
    void onReceipt(String account, String text, String receiptedMessageId, Integer messageState);
}
