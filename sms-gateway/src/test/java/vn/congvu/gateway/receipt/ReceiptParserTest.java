package vn.congvu.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceiptParserTest {

    @Test
    void readsTheClassicFormat() {
        DeliveryReceipt r = ReceiptParser.parse("id:0123456789 sub:001 dlvrd:001 submit date:2611210930 done date:2611210931"
                + " stat:DELIVRD err:000 text:Hop khan luc 14h", null, null).orElseThrow();
        assertEquals("0123456789", r.id());
        assertEquals(ReceiptState.DELIVRD, r.state());
        assertEquals("000", r.error());
        assertEquals("2611210930", r.submitted());
        assertEquals("2611210931", r.done());
        assertEquals("001", r.delivered());
        assertEquals("Hop khan luc 14h", r.text());
    }

    @Test
    void toleratesMissingFieldsOtherCaseAndUnderscores() {
        DeliveryReceipt r = ReceiptParser.parse("ID:a1b2c3  Submit_Date:2611210930 Done_Date:2611210931 Stat:UNDELIVERABLE Err:012",
                null, null).orElseThrow();
        assertEquals("a1b2c3", r.id());
        assertEquals(ReceiptState.UNDELIV, r.state());
        assertEquals("012", r.error());
        assertNull(r.delivered());
        assertNull(r.text());
    }

    @Test
    void freeTextMayContainFieldNames() {
        DeliveryReceipt r = ReceiptParser.parse("id:77 stat:EXPIRED err:0 text:id:99 stat:DELIVRD", null, null).orElseThrow();
        assertEquals("77", r.id());
        assertEquals(ReceiptState.EXPIRED, r.state());
    }

    @Test
    void prefersTheReceiptedMessageIdTlvAndFallsBackToMessageState() {
        DeliveryReceipt r = ReceiptParser.parse("", "3A000001", 8).orElseThrow();
        assertEquals("3A000001", r.id());
        assertEquals(ReceiptState.REJECTD, r.state());
        assertEquals(ReceiptState.DELIVRD, ReceiptParser.parse("id:1 stat:DELIVRD", "2", 5).orElseThrow().state());
        assertTrue(ReceiptParser.parse("stat:DELIVRD err:000", null, null).isEmpty());
    }

    @Test
    void mapsVendorStateWords() {
        assertEquals(ReceiptState.ENROUTE, ReceiptState.parse("ENROUTE"));
        assertEquals(ReceiptState.ENROUTE, ReceiptState.parse("ACCEPTD"));
        assertEquals(ReceiptState.UNDELIV, ReceiptState.parse("DELETED"));
        assertEquals(ReceiptState.REJECTD, ReceiptState.parse("rejected"));
        assertEquals(ReceiptState.UNKNOWN, ReceiptState.parse("UNKNOWN"));
        assertEquals(ReceiptState.UNKNOWN, ReceiptState.parse("???"));
    }

    @Test
    void idFormsMatchHexAndDecimalBothWays() {
        // decimal as written, the same number in hex, and (digits being valid hex too) the hex reading
        assertEquals(Set.of("973078529", "3a000001", "40584578345"), MessageIdForms.candidates("973078529"));
        assertTrue(MessageIdForms.candidates("3A000001").contains("973078529"));
        assertTrue(MessageIdForms.candidates("003a000001").contains("973078529"), "leading zeros");
        assertEquals("3a000001", MessageIdForms.key(" 003A000001 "));
        assertEquals(Set.of("msg-77"), MessageIdForms.candidates("MSG-77"));
        assertEquals("0", MessageIdForms.key("000"));
    }
}
