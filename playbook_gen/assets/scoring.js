/*
 * Worksheet arithmetic: the twin of playbook_gen/worksheets/scoring.py.
 *
 * The formulas, the order of every sum and the display rounding are the same step for
 * step, so the page and `playbook-gen score` agree to the last bit. Both are tested
 * against tests/scoring_cases.json. Change one file, change the other.
 *
 * A rubric is the plain object of Rubric.to_data(): {id, scale: {min, max},
 * sections: [{id, questions: [{id, weight, knockout}]}], bands: [{min, max, label}],
 * band_after}. Answers map question id -> integer on the scale; unanswered ids are absent.
 *
 * Knockouts: a knockout question answered with the scale's min forces the band whose min
 * is 0, whatever the score; the score is unchanged; the fired ids are listed in order.
 */
(function (root) {
  "use strict";

  var EPSILON = 1e-9; /* float noise absorbed before comparing or cutting a score */
  var WEAKEST_COUNT = 2;

  function has(answers, id) {
    return Object.prototype.hasOwnProperty.call(answers, id);
  }

  /* [gained, possible] over the answered questions, in worksheet order. */
  function ratio(questions, rubric, answers) {
    var gained = 0.0;
    var possible = 0.0;
    for (var i = 0; i < questions.length; i++) {
      var q = questions[i];
      if (has(answers, q.id)) {
        gained += q.weight * (answers[q.id] - rubric.scale.min);
        possible += q.weight * (rubric.scale.max - rubric.scale.min);
      }
    }
    return [gained, possible];
  }

  function percent(pair) {
    return pair[1] === 0 ? null : (100 * pair[0]) / pair[1];
  }

  function sectionScore(rubric, section, answers) {
    return percent(ratio(section.questions, rubric, answers));
  }

  function totalScore(rubric, answers) {
    var all = [];
    rubric.sections.forEach(function (s) { all = all.concat(s.questions); });
    return percent(ratio(all, rubric, answers));
  }

  /* min <= score < max; 100 falls in the band whose max is 100. */
  function bandFor(bands, score) {
    if (score === null) return null;
    var snapped = score + EPSILON;
    for (var i = 0; i < bands.length; i++) {
      var b = bands[i];
      if ((b.min <= snapped && snapped < b.max) || (snapped >= 100 && b.max === 100)) return b;
    }
    return null;
  }

  /* Ids of the knockout questions answered with the scale's min, in worksheet order. */
  function firedKnockouts(rubric, answers) {
    var fired = [];
    rubric.sections.forEach(function (s) {
      s.questions.forEach(function (q) {
        if (q.knockout && has(answers, q.id) && answers[q.id] === rubric.scale.min) fired.push(q.id);
      });
    });
    return fired;
  }

  /* The band whose min is 0: where a fired knockout puts the worksheet. */
  function lowestBand(bands) {
    for (var i = 0; i < bands.length; i++) {
      if (bands[i].min === 0) return bands[i];
    }
    return null;
  }

  /* Lowest answered sections below 100, lowest first, ties in worksheet order. */
  function weakestSections(rubric, scores) {
    var ranked = [];
    rubric.sections.forEach(function (s, order) {
      var score = scores[s.id];
      if (score !== null && score !== undefined && score + EPSILON < 100) {
        ranked.push({ score: score, order: order, id: s.id });
      }
    });
    ranked.sort(function (a, b) { return a.score - b.score || a.order - b.order; });
    return ranked.slice(0, WEAKEST_COUNT).map(function (r) { return r.id; });
  }

  function scoreAnswers(rubric, answers) {
    var sections = {};
    rubric.sections.forEach(function (s) { sections[s.id] = sectionScore(rubric, s, answers); });
    var total = totalScore(rubric, answers);
    var knockouts = firedKnockouts(rubric, answers);
    var band = bandFor(rubric.bands, total);
    if (knockouts.length) band = lowestBand(rubric.bands) || band;
    return {
      worksheet: rubric.id,
      score: total,
      band: band,
      sections: sections,
      weakest: weakestSections(rubric, sections),
      knockouts: knockouts
    };
  }

  /* One decimal, cut not rounded, of score + EPSILON; integer steps as in format_score
     (toFixed rounds unlike Python's format). */
  function formatScore(score) {
    if (score === null || score === undefined) return "\u2014";
    var tenths = Math.floor((score + EPSILON) * 10);
    return Math.floor(tenths / 10) + "." + (tenths % 10);
  }

  root.PlaybookScoring = {
    sectionScore: sectionScore,
    totalScore: totalScore,
    bandFor: bandFor,
    weakestSections: weakestSections,
    firedKnockouts: firedKnockouts,
    scoreAnswers: scoreAnswers,
    formatScore: formatScore
  };
})(window);
