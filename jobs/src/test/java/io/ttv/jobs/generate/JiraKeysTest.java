package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Jira keys of the generator's unlinked items: always free, also when a year of items fills three digits. */
class JiraKeysTest {

  @Test
  void aFreeThreeDigitKeyWhileThereIsRoom() {
    Map<String, Object> taken = new HashMap<>();
    taken.put("PAY-500", new Object());
    Set<String> used = new HashSet<>(Set.of("PAY-501"));
    String key = JiraExports.freeKey("PAY", new SplittableRandom(7), taken, used);
    assertThat(key).matches("PAY-[1-9][0-9]{2}").isNotIn("PAY-500", "PAY-501");
  }

  @Test
  void fourDigitsOnceTheThreeDigitKeysAreGone() {
    // every key 100..999 is named by a pull request or held by an item: the old draw looped forever here
    Map<String, Object> taken = new HashMap<>();
    Set<String> used = new HashSet<>();
    for (int n = 100; n < 1000; n++) {
      if (n % 2 == 0) {
        used.add("PAY-" + n);
      } else {
        taken.put("PAY-" + n, new Object());
      }
    }
    String key = JiraExports.freeKey("PAY", new SplittableRandom(7), taken, used);
    assertThat(key).matches("PAY-[1-9][0-9]{3}");
  }
}
