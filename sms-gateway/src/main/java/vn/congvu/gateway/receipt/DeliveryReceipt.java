package vn.congvu.gateway.receipt;

/**
 * A parsed delivery receipt; fields the vendor left out are null.
 *
 * @param id    the SMSC message id the receipt is about (receipted_message_id TLV when present)
 * @param error the err field, vendor-specific
 */
public record DeliveryReceipt(String id, ReceiptState state, String error, String submitted, String done,
                              String delivered, String text) {
}
