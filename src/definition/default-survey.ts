/**
 * The Trust's values refresh, built in: what runs when no definition is supplied.
 * Every statement is verbatim from the Trust's page (shared/seeds/000_*.txt); do not edit the
 * wording here without the Trust's say-so, because responses refer to words by position.
 */
import type { SurveyDefinition } from './schema.js';

export const DEFAULT_SURVEY: SurveyDefinition = {
  id: 'tp-values-refresh',
  version: '1',
  title: 'Refresh our values, vision and mission',
  intro: [
    "Our Trust's values are fundamental to guiding our attitudes and actions.",
    'Our values help us to determine what is important to us. They are the bedrock of our behaviours at work, and affect every aspect of the way we deliver care, education and research.',
    'We want to ensure our future actions and decisions are guided by the common values we have chosen together. We want you, our patients and service users, staff, students, alumni, members of the public and anyone with a connection to the Trust to contribute to this important work.',
  ].join('\n\n'),
  questions: [
    {
      id: 'values',
      type: 'words',
      prompt: 'Which words in our current values would you keep or remove?',
      hint: 'You can click or tap on any of the words, and then choose whether you would like to keep or remove the word. You can keep or remove as many words as you like.',
      required: false,
      statements: [
        'we work with people with lived experience to co-create and improve our services and inform our decision making',
        'we are caring and compassionate',
        'we are passionate about the quality of our work and committed to openness, the use of evidence and the application of improvement science',
        'we value all our staff, are concerned for their wellbeing and seek to foster leadership, innovation and excellence in our workforce',
        'we embrace diversity in our workforce and work to make our services and training as accessible as possible',
        'we work with others, in the UK and internationally, who share our values and can enable us to achieve our mission.',
      ],
      exclude: [],
    },
    {
      id: 'connection',
      type: 'choices',
      prompt: 'How are you connected to the Trust?',
      hint: 'Select all that apply.',
      required: true,
      options: [
        { value: 'patient', label: 'Patient or service user' },
        { value: 'staff', label: 'Staff' },
        { value: 'student', label: 'Student' },
        { value: 'alumni', label: 'Alumni' },
        { value: 'public', label: 'Member of the public' },
        { value: 'other', label: 'Another connection to the Trust' },
        { value: 'prefer-not-to-say', label: 'Prefer not to say', exclusive: true },
      ],
      errorMessage: 'Select how you are connected to the Trust, or select Prefer not to say',
    },
    {
      id: 'mission',
      type: 'words',
      prompt: 'Which words in our current mission would you keep or remove?',
      hint: 'You can click or tap on any of the words, and then choose whether you would like to keep or remove the word. You can keep or remove as many words as you like.',
      required: false,
      statements: [
        'For 100 years, the Tavistock and Portman clinics have embodied a distinctive way of thinking about and understanding mental distress, mental health and emotional wellbeing. Working with children and families and adults, our approach brings together psychoanalytic, psychodynamic and systemic theory and practice and other approaches and seeks to understand the unconscious as well as conscious aspects of a person’s experience and places the person, their relationships and social context at the centre of our practice.',
        'Our creative and skilled staff continue to build on these approaches, welcoming new ideas and developing innovative interventions, services and models of care which respond to contemporary challenges.',
        'Our goal is that more people should have the opportunity to benefit from our approach. We seek to spread our thinking and practice through devising and delivering high quality clinical services, the provision of training and education, research, organisational consulting and influencing public debate.',
      ],
      exclude: [],
    },
    {
      id: 'add',
      type: 'text',
      prompt: 'Are there any words or values you would add?',
      hint: 'For example, a word that describes the Trust at its best.',
      maxLength: 1000,
    },
    {
      id: 'fit',
      type: 'scale',
      prompt: 'How well do our current values reflect your experience of the Trust?',
      min: 1,
      max: 5,
      minLabel: 'Not at all',
      maxLabel: 'Completely',
    },
    {
      id: 'vision',
      type: 'text',
      prompt: 'What should our vision be?',
      hint: 'Tell us in your own words what the Trust should aim to be.',
      maxLength: 1000,
    },
  ],
  confirmation: {
    title: 'Thank you for helping to refresh our values',
    // The Trust's own words about what happens next (shared/seeds/000_*.txt).
    body: 'Over the summer, we will be working with a range of groups to refresh our values, vision and mission. The findings will be shared with the Board in September, and the Staff Engagement Group will then develop an implementation plan.',
  },
  // The Trust's switchboard, for respondents whose answers cannot be sent and for questions.
  contact: '020 7435 7111',
  // A placeholder: the Trust's website until its editors set the address of the privacy notice
  // (in their own definition's `privacyUrl`, or here for the built-in survey).
  privacyUrl: 'https://tavistockandportman.nhs.uk/',
  // Plain signposting with no invented numbers: NHS 111 and 999 are the national services.
  support:
    'If you are finding things difficult, you can talk to your care team or your GP. If you need help urgently, call NHS 111. In an emergency, call 999.',
};
