{{%AUTOESCAPE context="HTML"}}
<section class="join">
  <h1>{{t_join_thanks_title}}</h1>
  <p>{{t_join_thanks_text}}</p>
  <ol>
    <li>{{t_join_next1}}</li>
    <li>{{t_join_next2}}</li>
    <li>{{t_join_next3}}</li>
  </ol>
{{#contact}}{{#known}}  <p>{{t_flyer_questions}}<br>{{name}}<br>{{phone}} {{email}}</p>{{/known}}{{/contact}}
</section>
