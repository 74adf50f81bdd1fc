package vn.congvu.gateway.outbox;

import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.EncodingMode;

public record NewNotice(String sender, String text, EncodingMode requested, EncodedSms encoded, boolean urgent) {
}
