{{%AUTOESCAPE context="HTML"}}
<article class="flyer">
  <p class="no-print"><a href="/schools/{{school_id}}#link-{{link_id}}">← {{school_name}}</a> · <span>{{t_flyer_print_hint}}</span></p>
  <h1>{{t_flyer_heading}}</h1>
  <p class="flyer-lead">{{t_flyer_lead}}</p>
  <img class="flyer-qr" src="/schools/{{school_id}}/links/{{link_id}}/qr.svg" alt="{{t_schools_qr_alt}} {{label}}">
  <p class="flyer-url">{{t_flyer_or_type}}<br><strong>{{url}}</strong></p>
  <ol class="flyer-steps">
    <li>{{t_flyer_step1}}</li>
    <li>{{t_flyer_step2}}</li>
    <li>{{t_flyer_step3}}</li>
  </ol>
  <p>{{t_flyer_under16}}</p>
  <p class="flyer-school">{{school_name}} · {{label}}</p>
{{#contact}}
  <footer class="flyer-contact">
    <p><strong>{{t_flyer_questions}}</strong></p>
    <p>{{name}}{{#known}}<br>{{/known}}{{phone}} {{email}}</p>
  </footer>
{{/contact}}
</article>
