{{%AUTOESCAPE context="HTML"}}
<section class="join">
  <h1>{{t_placements_answered_title}}</h1>
  <div class="notice notice-good" role="status">{{#is_interview}}{{t_placements_answered_interview}}{{/is_interview}}{{#is_decline}}{{t_placements_answered_decline}}{{/is_decline}}</div>
  <p>{{t_placements_answered_next}}</p>
</section>
