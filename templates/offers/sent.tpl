{{%AUTOESCAPE context="HTML"}}
<section class="offer">
<h1>{{t_offer_sent_title}}</h1>
<p class="lead">{{t_offer_sent_lead}}</p>
<h2>{{t_offer_next_heading}}</h2>
<ol class="next-steps">
  <li>{{t_offer_next_1}}</li>
  <li>{{t_offer_next_2}}</li>
  <li>{{t_offer_next_3}}</li>
  <li>{{t_offer_next_4}}</li>
</ol>
{{#help_phone}}<p>{{t_offer_questions}} <a href="tel:{{tel}}">{{text}}</a></p>{{/help_phone}}
<p><a href="/jobs">{{t_offer_see_jobs}}</a> · <a href="/offer">{{t_offer_another}}</a></p>
</section>
