package io.ttv.transforms.calendar;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Exchange's meeting ids (the {@code iCalUId} Microsoft Graph gives, MS-OXOCAL 2.2.1.27
 * {@code PidLidGlobalObjectId}) -> the id of the series, so that every occurrence of a meeting and the ICS
 * exports of the same meeting share one UID.
 *
 * <p>The id is hex: a 16-byte class id ({@code 040000008200E00074C5B7101A82E008}), then the instance date
 * (year in two bytes, month, day: all zero for a series master or a single meeting, the original date for
 * an occurrence or exception of a {@code calendarView}), an 8-byte creation time, 8 reserved bytes, a 4-byte
 * little-endian size and the data. Zeroing the instance date gives the series' id (Exchange's
 * {@code PidLidCleanGlobalObjectId}, which is the master's {@code iCalUId}). When the data is
 * {@code vCal-Uid}, 1 (as int32) and a NUL-terminated string, the meeting came from another calendar system
 * by iCalendar and that string is its original UID (what attendees' ICS files carry), which is returned
 * instead. Anything else is returned unchanged.
 */
public final class ExchangeUids {
  private ExchangeUids() {}

  private static final String CLASS_ID = "040000008200E00074C5B7101A82E008";
  private static final byte[] VCAL_UID = "vCal-Uid".getBytes(StandardCharsets.US_ASCII);
  /** Class id, instance date, creation time, reserved, size: where the data begins. */
  private static final int DATA = 16 + 4 + 8 + 8 + 4;

  public static String series(String iCalUId) {
    if (iCalUId == null || iCalUId.length() < 2 * DATA || iCalUId.length() % 2 != 0 || !iCalUId.regionMatches(true, 0, CLASS_ID, 0, CLASS_ID.length())) {
      return iCalUId;
    }
    byte[] b;
    try {
      b = HexFormat.of().parseHex(iCalUId);
    } catch (IllegalArgumentException notHex) {
      return iCalUId;
    }
    int size = (b[DATA - 4] & 0xff) | (b[DATA - 3] & 0xff) << 8 | (b[DATA - 2] & 0xff) << 16 | (b[DATA - 1] & 0xff) << 24;
    if (size >= VCAL_UID.length + 4 + 1 && DATA + size <= b.length && startsWith(b, DATA, VCAL_UID)) {
      int from = DATA + VCAL_UID.length + 4;
      int to = from;
      while (to < DATA + size && b[to] != 0) {
        to++;
      }
      return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
    return (iCalUId.substring(0, 32) + "00000000" + iCalUId.substring(40)).toUpperCase(Locale.ROOT);
  }

  /** The id Exchange gives an occurrence on {@code year-month-day} of a meeting that arrived with {@code uid}. */
  public static String forExternalUid(String uid, int year, int month, int day) {
    byte[] text = uid.getBytes(StandardCharsets.UTF_8);
    int size = VCAL_UID.length + 4 + text.length + 1;
    byte[] b = new byte[DATA + size];
    byte[] classId = HexFormat.of().parseHex(CLASS_ID);
    System.arraycopy(classId, 0, b, 0, classId.length);
    b[16] = (byte) (year >> 8);
    b[17] = (byte) year;
    b[18] = (byte) month;
    b[19] = (byte) day;
    b[DATA - 4] = (byte) size;
    b[DATA - 3] = (byte) (size >> 8);
    b[DATA - 2] = (byte) (size >> 16);
    b[DATA - 1] = (byte) (size >> 24);
    System.arraycopy(VCAL_UID, 0, b, DATA, VCAL_UID.length);
    b[DATA + VCAL_UID.length] = 1;
    System.arraycopy(text, 0, b, DATA + VCAL_UID.length + 4, text.length);
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
