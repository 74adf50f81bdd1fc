package vn.congvu.gateway.notice;

import java.util.List;

/**
 * Body of {@code POST /api/v1/notices}.
 *
 * @param encoding gsm7 (default, unaccented), ucs2 (with diacritics) or auto; null for the configured default
 * @param includeSubUnits whether units include their sub-units (default true)
 */
public record NoticeRequest(String text, List<String> numbers, List<String> uids, List<String> groups,
                            List<String> units, Boolean includeSubUnits, Boolean urgent, String encoding) {
}
