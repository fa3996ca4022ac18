package io.ttv.transforms.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exchange global object ids (MS-OXOCAL 2.2.1.27) -> the series' id. */
class ExchangeUidsTest {

  /** The series master's iCalUId of fixture graphdocs_group_list_events_series_master_recurrence: date bytes zero. */
  private static final String MASTER =
      "040000008200E00074C5B7101A82E00800000000824DDB122F0AD301000000000000000010000000824A8905B038D54AA7735F117B3442ED";

  @Test
  void aMastersIdIsItsOwnSeriesAndAnOccurrencesDateIsZeroed() {
    assertThat(ExchangeUids.series(MASTER)).isEqualTo(MASTER);
    // the same meeting's occurrence of 2017-09-04: bytes 16..19 = 07E1 09 04
    String occurrence = MASTER.substring(0, 32) + "07E10904" + MASTER.substring(40);
    assertThat(ExchangeUids.series(occurrence)).isEqualTo(MASTER);
    assertThat(ExchangeUids.series(occurrence.toLowerCase())).isEqualTo(MASTER);
  }

  @Test
  void aMeetingThatCameByICalendarGivesBackItsUid() {
    String id = ExchangeUids.forExternalUid("standup-growth@northwind.example", 2026, 1, 15);
    // class id, 07EA 01 0F, 16 zero bytes, size 8 + 4 + 32 + 1 = 45 = 0x2D little-endian, "vCal-Uid" = 7643616C2D556964
    assertThat(id).startsWith("040000008200E00074C5B7101A82E00807EA010F" + "0".repeat(32) + "2D000000" + "7643616C2D556964" + "01000000");
    assertThat(ExchangeUids.series(id)).isEqualTo("standup-growth@northwind.example");
  }

  @Test
  void otherIdsAreLeftAlone() {
    assertThat(ExchangeUids.series(null)).isNull();
    assertThat(ExchangeUids.series("7kukuqrfedlm2f9t0vr42q2qc8@google.com")).isEqualTo("7kukuqrfedlm2f9t0vr42q2qc8@google.com");
    assertThat(ExchangeUids.series("040000008200E00074C5B7101A82E008ZZ")).isEqualTo("040000008200E00074C5B7101A82E008ZZ");
    String notHex = "040000008200E00074C5B7101A82E008" + "X".repeat(80);
    assertThat(ExchangeUids.series(notHex)).isEqualTo(notHex);
  }
}
