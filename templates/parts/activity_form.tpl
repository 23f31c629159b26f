{{%AUTOESCAPE context="HTML"}}
  <div class="field{{#errors}}{{#kind}} has-problem{{/kind}}{{/errors}}"><label for="a-kind">{{t_field_kind}}</label>
    <select id="a-kind" name="kind"{{#errors}}{{#kind}} aria-invalid="true" aria-describedby="a-kind-problem"{{/kind}}{{/errors}}>
{{#kind_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/kind_options}}    </select>{{#errors}}{{#kind}}<p class="problem" id="a-kind-problem">{{message}}</p>{{/kind}}{{/errors}}</div>
  <div class="field{{#errors}}{{#date}} has-problem{{/date}}{{/errors}}"><label for="a-date">{{t_field_date}}</label>
    <input id="a-date" name="date" type="date" required value="{{date}}"{{#errors}}{{#date}} aria-invalid="true" aria-describedby="a-date-problem"{{/date}}{{/errors}}>{{#errors}}{{#date}}<p class="problem" id="a-date-problem">{{message}}</p>{{/date}}{{/errors}}</div>
  <div class="field{{#errors}}{{#subject}} has-problem{{/subject}}{{/errors}}"><label for="a-subject">{{t_field_subject}}</label>
    <input id="a-subject" name="subject" required maxlength="200" value="{{subject}}"{{#errors}}{{#subject}} aria-invalid="true" aria-describedby="a-subject-problem"{{/subject}}{{/errors}}>{{#errors}}{{#subject}}<p class="problem" id="a-subject-problem">{{message}}</p>{{/subject}}{{/errors}}</div>
{{#has_topics_options}}  <fieldset class="checks{{#errors}}{{#topics}} has-problem{{/topics}}{{/errors}}"><legend>{{t_field_topics}}</legend>
{{#topics_options}}    <label><input type="checkbox" name="topics" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>
{{/topics_options}}{{#errors}}{{#topics}}<p class="problem">{{message}}</p>{{/topics}}{{/errors}}
  </fieldset>
{{/has_topics_options}}{{#referral_offered}}  <div class="field{{#errors}}{{#referred_to}} has-problem{{/referred_to}}{{/errors}}"><label for="a-ref">{{t_field_referred_to}}</label>
    <select id="a-ref" name="referred_to" aria-describedby="a-ref-hint{{#errors}}{{#referred_to}} a-ref-problem{{/referred_to}}{{/errors}}"{{#errors}}{{#referred_to}} aria-invalid="true"{{/referred_to}}{{/errors}}><option value="">–</option>
{{#referred_to_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/referred_to_options}}    </select>
    <p class="hint" id="a-ref-hint">{{t_activities_referral_hint}}</p>{{#errors}}{{#referred_to}}<p class="problem" id="a-ref-problem">{{message}}</p>{{/referred_to}}{{/errors}}</div>
{{#has_referred_partner_options}}  <div class="field{{#errors}}{{#referred_partner_id}} has-problem{{/referred_partner_id}}{{/errors}}"><label for="a-ref-partner">{{t_field_referred_partner_id}}</label>
    <select id="a-ref-partner" name="referred_partner_id" aria-describedby="a-ref-partner-hint{{#errors}}{{#referred_partner_id}} a-ref-partner-problem{{/referred_partner_id}}{{/errors}}"{{#errors}}{{#referred_partner_id}} aria-invalid="true"{{/referred_partner_id}}{{/errors}}><option value="">–</option>
{{#referred_partner_options}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}} ({{kind_label}})</option>
{{/referred_partner_options}}    </select>
    <p class="hint" id="a-ref-partner-hint">{{t_activities_referral_partner_hint}}</p>{{#errors}}{{#referred_partner_id}}<p class="problem" id="a-ref-partner-problem">{{message}}</p>{{/referred_partner_id}}{{/errors}}</div>
{{/has_referred_partner_options}}{{/referral_offered}}
  <div class="field{{#errors}}{{#notes}} has-problem{{/notes}}{{/errors}}"><label for="a-notes">{{t_field_notes}}</label>
    <textarea id="a-notes" name="notes" rows="4" maxlength="10000">{{notes}}</textarea>{{#errors}}{{#notes}}<p class="problem">{{message}}</p>{{/notes}}{{/errors}}</div>
  <div class="field{{#errors}}{{#follow_up}} has-problem{{/follow_up}}{{/errors}}"><label for="a-fu">{{t_field_follow_up}}</label>
    <input id="a-fu" name="follow_up" type="date" value="{{follow_up}}"{{#errors}}{{#follow_up}} aria-invalid="true" aria-describedby="a-fu-problem"{{/follow_up}}{{/errors}}>{{#errors}}{{#follow_up}}<p class="problem" id="a-fu-problem">{{message}}</p>{{/follow_up}}{{/errors}}</div>
  <div class="field{{#errors}}{{#follow_up_user_id}} has-problem{{/follow_up_user_id}}{{/errors}}"><label for="a-fu-user">{{t_field_follow_up_user_id}}</label>
    <select id="a-fu-user" name="follow_up_user_id">
{{#follow_up_user_options}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/follow_up_user_options}}    </select>{{#errors}}{{#follow_up_user_id}}<p class="problem">{{message}}</p>{{/follow_up_user_id}}{{/errors}}</div>
